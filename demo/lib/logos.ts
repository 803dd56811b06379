/**
 * Local stand-ins for the toolkit logos. The Composio fixtures point at `https://logos.composio.dev/…`, which a
 * machine without internet cannot load (broken images and ERR_NAME_NOT_RESOLVED in the console), so the demo's
 * sandbox serves these instead: a rounded tile in the app's colour with its initial.
 */
const COLORS: Record<string, string> = {
  gmail: "#EA4335",
  slack: "#4A154B",
  github: "#24292F",
  googlecalendar: "#1A73E8",
  hubspot: "#FF7A59",
  notion: "#191919",
  linear: "#5E6AD2",
  outlook: "#0078D4",
};

/** The demo route serving `slug`'s logo. */
export function localLogoUrl(slug: string): string {
  return `/api/demo/logos/${encodeURIComponent(slug)}.svg`;
}

/** The SVG for `slug` (any slug: unknown ones get a neutral colour). */
export function logoSvg(slug: string, name: string = slug): string {
  const color = COLORS[slug] ?? "#6B7280";
  const initial = (name.trim().charAt(0) || "?").toUpperCase().replace(/[^A-Z0-9]/g, "?");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">`,
    `<rect width="64" height="64" rx="14" fill="${color}"/>`,
    `<text x="32" y="42" text-anchor="middle" font-family="system-ui, sans-serif" font-size="30" font-weight="700" fill="#fff">${initial}</text>`,
    `</svg>`,
  ].join("");
}
