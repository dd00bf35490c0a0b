import * as v from 'valibot';
import { InvitationRequestSchema, type InvitationRequest, type InvitationRole } from '@mop/shared';

/** One pasted line that could not be read, with its 1-based line number. */
export interface PasteProblem {
  line: number;
  text: string;
}

/**
 * Reads a pasted list of people, one per line, as "Name <email>", "Name, email", "Name; email", "Name<tab>email"
 * (a spreadsheet column pair) or a bare e-mail (the name is then the part before @). Every line gets `role`.
 */
export function parsePastedList(
  text: string,
  role: InvitationRole
): { requests: InvitationRequest[]; problems: PasteProblem[] } {
  const requests: InvitationRequest[] = [];
  const problems: PasteProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    let name = '';
    let email = '';
    const angle = /^(.*)<([^>]+)>\s*$/.exec(line);
    if (angle) {
      name = (angle[1] ?? '').trim().replace(/^"|"$/g, '');
      email = (angle[2] ?? '').trim();
    } else {
      const parts = line.split(/[,;\t]/).map((part) => part.trim());
      email = parts.find((part) => part.includes('@')) ?? '';
      name = parts.find((part) => part && !part.includes('@')) ?? '';
    }
    if (!name && email) name = email.split('@')[0] ?? '';
    const parsed = v.safeParse(InvitationRequestSchema, { name, email, role });
    if (parsed.success) requests.push(parsed.output);
    else problems.push({ line: index + 1, text: line });
  });
  return { requests, problems };
}
