import type { InvitationRole } from '@mop/shared';

/** One pasted line read as a person (the address may be missing or wrong: the server's preview says so). */
export interface PastedPerson {
  /** 1-based line of the pasted text. */
  line: number;
  name: string;
  email: string;
}

/**
 * Reads a pasted list of people, one per line, as "Name <email>", "Name, email", "Name; email", "Name<tab>email"
 * (a spreadsheet column pair) or a bare e-mail (the name is then the part before @). Blank lines are skipped; every
 * other line becomes a person, even one without an address, so that the preview reports it on its line.
 */
export function readPastedList(text: string): PastedPerson[] {
  const people: PastedPerson[] = [];
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
    people.push({ line: index + 1, name, email });
  });
  return people;
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * The pasted list as the CSV the invitation upload reads (name, email, role), so a pasted list gets exactly the
 * CSV's row-by-row preview and checks (duplicates, people already invited, formulas). `lineOf` maps the CSV's line
 * numbers (the header is line 1) back to the pasted text's.
 */
export function pastedListToCsv(
  text: string,
  role: InvitationRole
): { csv: string; rows: number; lineOf: (csvLine: number) => number } {
  const people = readPastedList(text);
  const csv = ['name,email,role', ...people.map((p) => [p.name, p.email, role].map(csvField).join(','))].join('\n');
  return { csv: `${csv}\n`, rows: people.length, lineOf: (csvLine) => people[csvLine - 2]?.line ?? csvLine };
}
