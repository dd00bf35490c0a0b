import { randomInt } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import {
  CERTIFICATE_CODE_ALPHABET,
  CertificateRequestSchema,
  SlugSchema,
  gradeQuiz,
  normaliseCertificateCode,
  type Certificate,
  type User
} from '@mop/shared';
import * as v from 'valibot';
import { clientAddress } from '../auth/index.ts';
import { apiError } from '../http/errors.ts';
import { consumeOrRefuse } from '../http/rate-limit.ts';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleStore, StoredCertificate } from './store.ts';

/** How far ahead of the server's clock a device's `completedAt` may be (device clocks drift). */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
/**
 * How long before the request an anonymous certificate may say it was completed. Nobody stands behind an anonymous
 * certificate, so it cannot be dated in the past (a script once registered one for a famous name dated 2001); the
 * app registers a quiz passed offline with the time it reaches the server. A signed-in learner's certificate names
 * the account and keeps the time the quiz was really passed, offline included.
 */
const ANONYMOUS_COMPLETION_WINDOW_MS = 15 * 60 * 1000;

/** Options of `moduleRoutes`; the defaults suit a workshop of 30 behind one address. */
interface ModuleRouteOptions {
  /** Certificates registered without an account, per address and hour (default 60). */
  anonymousPerHour?: number;
  /** Certificates registered by one account per hour (default 30). */
  accountPerHour?: number;
}

/** Consumes a point of `limiter` for `key`; a refusal becomes a 429 with Retry-After. */
/** A new verification code: 12 random characters of the look-alike-free alphabet, `ABCD-EFGH-JKLM`. */
function newCertificateCode(): string {
  let plain = '';
  for (let k = 0; k < 12; k++) plain += CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)];
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

const toWire = ({ requestId: _requestId, userId: _userId, ...certificate }: StoredCertificate): Certificate =>
  certificate;

/**
 * Certificates of the self-learning modules, open to everyone: `POST /modules/:id/certificates` grades the answers
 * again with the module as the server holds it and registers a certificate for a pass (naming the account when the
 * learner is signed in); `GET /certificates/:code` lets anyone check one. Registrations are throttled per address
 * (anonymous) or per account, and an anonymous one cannot be backdated.
 */
export function moduleRoutes(
  modules: ModuleStore,
  currentUser: (c: Context) => User | null,
  options: ModuleRouteOptions = {}
): Hono {
  const app = new Hono();
  // Keyed by the peer address, so behind a reverse proxy or a workshop's shared NAT everyone shares it: generous,
  // it only stops a script from filling the table. Only new registrations count (retries of one do not).
  const anonymous = new RateLimiterMemory({ points: options.anonymousPerHour ?? 60, duration: 3600 });
  const perAccount = new RateLimiterMemory({ points: options.accountPerHour ?? 30, duration: 3600 });

  app.post(
    '/modules/:id/certificates',
    guarded(async (c) => {
      const id = c.req.param('id');
      const module = v.is(SlugSchema, id) ? modules.getModule(id) : null;
      if (!module) throw new ApiRefusal(404, 'not_found', `No self-learning module "${id}"`);
      const request = await readBody(c, CertificateRequestSchema);

      const user = currentUser(c);
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
      if (!user && completedAt < Date.now() - ANONYMOUS_COMPLETION_WINDOW_MS) {
        throw new ApiRefusal(
          422,
          'completion_too_old',
          `Without an account a certificate is dated when it is registered: completedAt must be within ${ANONYMOUS_COMPLETION_WINDOW_MS / 60_000} minutes of now. Sign in to keep the time the quiz was passed.`
        );
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
      if (user)
        await consumeOrRefuse(
          c,
          perAccount,
          user.id,
          'too_many_requests',
          'Too many certificates from this account. Try again later.'
        );
      else
        await consumeOrRefuse(
          c,
          anonymous,
          clientAddress(c),
          'too_many_requests',
          'Too many certificates from this address. Try again later.'
        );
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
          issuedAt,
          userId: user?.id ?? null
        };
        if (modules.insertCertificate(certificate)) {
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
