/** Where the demo keeps the viewer's theme choice. */
export const THEME_STORAGE_KEY = "agent-planner-demo-theme";

/**
 * Runs before the page paints (inline in <head>): `?theme=dark|light` (tests, links) wins, else the choice the
 * toggle stored; sets shadcn's `.dark` on <html> so dialogs in portals are dark too, and nothing flashes light.
 */
export const THEME_SCRIPT = `(function(){try{var p=new URLSearchParams(location.search).get("theme");var t=p==="dark"||p==="light"?p:localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});document.documentElement.classList.toggle("dark",t==="dark");}catch(e){}})();`;

/** The cookie the demo keeps the viewer's IANA zone in, so the server renders the planner's times in it. */
export const ZONE_COOKIE = "agent-planner-demo-tz";

/**
 * Runs before the page paints: remembers the browser's zone in a cookie (a year), which the next request's server
 * render reads (`loadPlannerPanel({ timeZone })`) so the times it writes into the page are the viewer's.
 */
export const ZONE_SCRIPT = `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z)document.cookie=${JSON.stringify(ZONE_COOKIE + "=")}+encodeURIComponent(z)+";path=/;max-age=31536000;samesite=lax";}catch(e){}})();`;
