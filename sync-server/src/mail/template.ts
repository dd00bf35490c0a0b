import type { AccountLanguage } from '@mop/shared';

/** What a template writes in one language; `renderMail` wraps it in the platform's layout (text and HTML). */
interface MailContent {
  subject: string;
  /** The opening line, e.g. "Hello Ana,". */
  greeting: string;
  /** Plain sentences, one paragraph each (no markup: they are escaped for the HTML part). */
  paragraphs: string[];
  /** Short facts shown as a bulleted list after the paragraphs (why two people were matched). */
  facts?: string[];
  /** Paragraphs after the facts and links, before the action (the first step to take). */
  closing?: string[];
  /** A list of links (a digest's lines), each a link in HTML and a line with its URL in the text part. */
  items?: { label: string; url: string }[];
  /** The one thing to do, as a button in HTML and a bare link in the text part. */
  action?: { label: string; url: string };
  /** Small print after the action (why you got this, what to do if it was not you). */
  notes?: string[];
}

/** What every template is given besides its own parameters. */
export interface MailEnvironment {
  /** The platform's name as its admins set it; in the subject, the signature and the HTML header. */
  platformName: string;
  /** The public origin (`MOP_PUBLIC_URL`), no trailing slash. */
  publicUrl: string;
}

/**
 * One kind of mail in the three interface languages. Adding a language to `AccountLanguage` makes every template
 * fail to compile until it is translated.
 */
export interface MailTemplate<P> {
  /** Stored with the message (`password-reset`, `invitation`, …). */
  category: string;
  text: Record<AccountLanguage, (params: P, env: MailEnvironment) => MailContent>;
}
