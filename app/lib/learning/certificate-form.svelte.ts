import { goto } from '$app/navigation';
import { LEARNER_NAME_MAX, type LearningModule } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import type { StoredCertificate } from './learning-db';
import { learnerNameProblem } from './module-progress';
import { certificatePath } from './module-paths';
import { createCertificate, retryCertificate } from './modules.service';
import { messageFor } from '$lib/services/errors';

/**
 * The "name on the certificate" form: the typed name, what is wrong with it, and the request under way. Used after a
 * passed quiz (to make the certificate) and on a certificate whose name the server refused (to send it again).
 */
export class CertificateForm {
  name = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(initialName: string) {
    this.name = initialName;
  }

  /** Checks the name as the server will, makes the certificate and opens it. */
  submit(module: LearningModule): Promise<void> {
    return this.run(async () => {
      const certificate = await createCertificate(module, this.name);
      await goto(certificatePath(certificate.requestId));
    });
  }

  /** Sends a refused certificate again with the corrected name; resolves to it as stored afterwards. */
  async resend(requestId: string): Promise<StoredCertificate | undefined> {
    let after: StoredCertificate | undefined;
    await this.run(async () => {
      after = await retryCertificate(requestId, this.name);
    });
    return after;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    const problem = learnerNameProblem(this.name);
    if (problem) {
      this.error =
        problem === 'empty'
          ? m.certificate_name_required()
          : problem === 'too-long'
            ? m.certificate_name_too_long({ max: LEARNER_NAME_MAX })
            : m.certificate_name_characters();
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = m.modules_save_error({ message: messageFor(error) });
    } finally {
      this.busy = false;
    }
  }
}
