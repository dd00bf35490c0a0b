import * as v from 'valibot';
import { ApiErrorSchema, type ApiError } from '@mop/shared';

/**
 * A response's JSON body parsed by the shared wire schema the app parses it with, so a test fails when the server's
 * answer drifts from the wire (a cast would let it through).
 */
export async function readJson<const TSchema extends v.GenericSchema>(
  response: Response,
  schema: TSchema
): Promise<v.InferOutput<TSchema>> {
  return v.parse(schema, await response.json());
}

/** The `{ error: { code, message } }` of a refused request, parsed as every client reads it. */
export async function readError(response: Response): Promise<ApiError['error']> {
  return (await readJson(response, ApiErrorSchema)).error;
}
