/**
 * Intl formatters, built once per (locale, options) and reused. Building an `Intl.DateTimeFormat` costs tens to
 * hundreds of microseconds (it resolves the locale's data and the zone), formatting with a built one a few: a panel
 * of 200 cards formats thousands of times per render, so building one per call cost seconds (tracker issue 23).
 *
 * Bounded: past MAX_ENTRIES formatters of one kind, the oldest is dropped. A constructor that throws (an unknown
 * zone or locale) throws here too, every time, and caches nothing.
 */
const MAX_ENTRIES = 500;

function cached<F, O>(build: (locale: string | string[] | undefined, options: O | undefined) => F) {
  const cache = new Map<string, F>();
  return (locale: string | string[] | undefined, options?: O): F => {
    // Options are small flat objects of strings, numbers and booleans: their JSON (in insertion order) is the key.
    const key = `${JSON.stringify(locale ?? null)}|${options === undefined ? "" : JSON.stringify(options)}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const built = build(locale, options);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, built);
    return built;
  };
}

export const dateTimeFormat = cached<Intl.DateTimeFormat, Intl.DateTimeFormatOptions>((locale, options) => new Intl.DateTimeFormat(locale, options));
export const relativeTimeFormat = cached<Intl.RelativeTimeFormat, Intl.RelativeTimeFormatOptions>((locale, options) => new Intl.RelativeTimeFormat(locale, options));
export const numberFormat = cached<Intl.NumberFormat, Intl.NumberFormatOptions>((locale, options) => new Intl.NumberFormat(locale, options));
export const listFormat = cached<Intl.ListFormat, Intl.ListFormatOptions>((locale, options) => new Intl.ListFormat(locale, options));
