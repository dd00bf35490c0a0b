import { goto } from '$app/navigation';
import type { LearningModule } from '@mop/shared';
import { LEARNER_NAME_MAX } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { learnerNameProblem } from './module-progress';
import { certificatePath } from './module-paths';
import { createCertificate } from './modules.service';

/** The "name on the certificate" form after a passed quiz: the typed name, its problem, and the request under way. */
export class CertificateForm {
  name = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(initialName: string) {
    this.name = initialName;
  }

  /** Checks the name as the server will, makes the certificate and opens it. */
  async submit(module: LearningModule): Promise<void> {
    if (this.busy) return;
    const problem = learnerNameProblem(this.name);
    if (problem) {
      this.error = problem === 'empty' ? m.certificate_name_required() : problem === 'too-long' ? m.certificate_name_too_long({ max: LEARNER_NAME_MAX }) : m.certificate_name_characters();
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const certificate = await createCertificate(module, this.name);
      await goto(certificatePath(certificate.requestId));
    } catch (error) {
      this.error = m.modules_save_error({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }
}
