import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import {
  CERTIFICATE_CODE_ALPHABET,
  CertificateRequestSchema,
  SlugSchema,
  gradeQuiz,
  normaliseCertificateCode,
  type Certificate
} from '@mop/shared';
import * as v from 'valibot';
import { LoginRateLimiter, clientAddress } from '../auth/index.ts';
import { apiError } from '../http/errors.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleStore, StoredCertificate } from './store.ts';

/** How far ahead of the server's clock a device's `completedAt` may be (device clocks drift). */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/** A new verification code: 12 random characters of the look-alike-free alphabet, `ABCD-EFGH-JKLM`. */
function newCertificateCode(): string {
  let plain = '';
  for (let k = 0; k < 12; k++) plain += CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)];
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

const toWire = ({ requestId: _requestId, ...certificate }: StoredCertificate): Certificate => certificate;

/**
 * Certificates of the self-learning modules, open to everyone (no account): `POST /modules/:id/certificates` grades
 * the answers again with the module as the server holds it and registers a certificate for a pass;
 * `GET /certificates/:code` lets anyone check one. Registrations are limited per address, since no sign-in stands in
 * the way of a script.
 */
export function moduleRoutes(modules: ModuleStore, options: { maxPerHour?: number } = {}): Hono {
  const app = new Hono();
  // The sign-in limiter's sliding window, used here to count new registrations (each one is "recorded"; retries of a
  // registered request are not). The key is the peer address, so behind a reverse proxy or a workshop's shared NAT
  // everyone shares it: the default is generous, it only stops a script from filling the table.
  const limiter = new LoginRateLimiter(options.maxPerHour ?? 600, 60 * 60 * 1000);

  app.post(
    '/modules/:id/certificates',
    guarded(async (c) => {
      const id = c.req.param('id');
      const module = v.is(SlugSchema, id) ? modules.getModule(id) : null;
      if (!module) throw new ApiRefusal(404, 'not_found', `No self-learning module "${id}"`);
      const request = await readBody(c, CertificateRequestSchema);

      const earlier = modules.findCertificateByRequest(request.requestId);
      if (earlier) {
        if (earlier.moduleId !== module.id)
          throw new ApiRefusal(409, 'request_id_taken', 'This requestId was already used for another module');
        return c.json(toWire(earlier), 200);
      }
      // The schema only lets through timestamps that Date can read.
      const completedAt = Date.parse(request.completedAt);
      if (completedAt > Date.now() + MAX_CLOCK_AHEAD_MS) {
        throw new ApiRefusal(400, 'invalid_request', 'completedAt is in the future; check the device clock');
      }
      const grade = gradeQuiz(module, request.answers);
      if (!grade.passed && request.moduleVersion !== module.version) {
        // Taken offline on an older version whose questions have changed since: say so, the learner can retake it.
        throw new ApiRefusal(
          409,
          'module_updated',
          `"${module.title}" has changed since this quiz was taken (version ${request.moduleVersion}, now ${module.version}); take the quiz again`
        );
      }
      if (!grade.passed) {
        throw new ApiRefusal(
          422,
          'not_passed',
          `${grade.correct} of ${grade.total} answers are right (${grade.percent}%); "${module.title}" needs ${module.passPercent}% to pass`
        );
      }
      const address = clientAddress(c);
      const retryAfter = limiter.retryAfterMs(address);
      if (retryAfter > 0) {
        c.header('Retry-After', String(Math.ceil(retryAfter / 1000)));
        throw new ApiRefusal(429, 'too_many_requests', 'Too many certificates from this address. Try again later.');
      }
      const issuedAt = new Date().toISOString();
      for (let attempt = 0; attempt < 5; attempt++) {
        const certificate: StoredCertificate = {
          code: newCertificateCode(),
          requestId: request.requestId,
          moduleId: module.id,
          moduleVersion: module.version,
          moduleTitle: module.title,
          learnerName: request.learnerName,
          percent: grade.percent,
          completedAt: new Date(completedAt).toISOString(),
          issuedAt
        };
        if (modules.insertCertificate(certificate)) {
          limiter.recordFailure(address);
          return c.json(toWire(certificate), 201);
        }
        // Either the code was taken (1 in 32^12) or a parallel retry registered this request first.
        const raced = modules.findCertificateByRequest(request.requestId);
        if (raced) return c.json(toWire(raced), 200);
      }
      throw new Error('could not find a free certificate code');
    })
  );

  app.get('/certificates/:code', (c) => {
    const code = normaliseCertificateCode(c.req.param('code'));
    if (!code)
      return apiError(c, 400, 'invalid_code', 'A certificate code has 12 letters and digits, like ABCD-EFGH-JKLM');
    const certificate = modules.getCertificate(code);
    if (!certificate) return apiError(c, 404, 'not_found', `No certificate with the code ${code}`);
    c.header('Cache-Control', 'no-store');
    return c.json(toWire(certificate));
  });

  return app;
}
