/** English name of a BCP-47 tag for prompts and messages ("es" → "Spanish"); the tag itself when ICU does not know it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
