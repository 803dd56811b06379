/** Where the demo keeps the viewer's theme choice. */
export const THEME_STORAGE_KEY = "agent-planner-demo-theme";

/**
 * Runs before the page paints (inline in <head>): `?theme=dark|light` (tests, links) wins, else the choice the
 * toggle stored; sets shadcn's `.dark` on <html> so dialogs in portals are dark too, and nothing flashes light.
 */
export const THEME_SCRIPT = `(function(){try{var p=new URLSearchParams(location.search).get("theme");var t=p==="dark"||p==="light"?p:localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});document.documentElement.classList.toggle("dark",t==="dark");}catch(e){}})();`;
