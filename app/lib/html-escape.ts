/**
 * Text made safe for HTML written as a string, in element content or a double-quoted attribute: the only escaping the
 * app does by hand (Svelte escapes what it renders; DOMPurify cleans rendered Markdown).
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
