/**
 * Up to two initials for an avatar: the first letters of the first and last word of the name before any comma
 * ("Marta Rossi, illustrator" → "MR"), by Unicode letters so "Ágata Núñez" gives "ÁN". An empty name gives "?".
 */
export function initialsOf(name: string): string {
  const words = (name.split(',')[0] ?? '').match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  if (words.length === 0) return '?';
  const first = words[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (Array.from(first)[0]! + (last ? Array.from(last)[0]! : '')).toLocaleUpperCase();
}

/** One of six avatar hues, the same for a person on every device (a hash of their id, not of their changeable name). */
export function avatarHue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 6;
}
