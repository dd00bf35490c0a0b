import { Hono } from 'hono';
import * as v from 'valibot';
import { OutboxStatusSchema, type OutboxList, type OutboxMessage } from '@mop/shared';
import type { AuthAccess } from '../module.ts';
import { ApiRefusal, guarded } from '../http/refusal.ts';
import type { SqliteOutbox } from './outbox.ts';

/** `/api/admin/outbox…`: what the platform sent or is about to send, for admins (the only way out without SMTP). */
export function outboxRoutes(outbox: SqliteOutbox, auth: AuthAccess, smtpConfigured: boolean): Hono {
  const app = new Hono();

  app.get(
    '/admin/outbox',
    guarded((c) => {
      auth.requireAdmin(c);
      const statusParam = c.req.query('status');
      let status;
      if (statusParam) {
        const parsed = v.safeParse(OutboxStatusSchema, statusParam);
        if (!parsed.success)
          throw new ApiRefusal(400, 'invalid_request', 'status must be pending, sending, sent or failed');
        status = parsed.output;
      }
      const body: OutboxList = { smtpConfigured, ...outbox.list(status ? { status } : {}) };
      return c.json(body);
    })
  );

  app.get(
    '/admin/outbox/:id',
    guarded((c) => {
      auth.requireAdmin(c);
      const message: OutboxMessage | null = outbox.get(c.req.param('id') ?? '');
      if (!message) throw new ApiRefusal(404, 'not_found', 'No such message in the outbox');
      return c.json(message);
    })
  );

  app.post(
    '/admin/outbox/:id/retry',
    guarded((c) => {
      auth.requireAdmin(c);
      const id = c.req.param('id') ?? '';
      if (!outbox.get(id)) throw new ApiRefusal(404, 'not_found', 'No such message in the outbox');
      if (!outbox.retryFailed(id)) throw new ApiRefusal(409, 'not_failed', 'Only a failed message can be sent again');
      return c.body(null, 204);
    })
  );

  return app;
}
