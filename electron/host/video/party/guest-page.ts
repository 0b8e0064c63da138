import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';

/** The guest player bundle (vite.party-guest.config.ts → dist/party-guest/guest.js). */
export const GUEST_SCRIPT = join(PACKAGE_ROOT, 'dist', 'party-guest', 'guest.js');

export function guestScriptBuilt(): boolean {
  return existsSync(GUEST_SCRIPT);
}

/**
 * Strict CSP for the guest page: only its own script and stylesheet, media and the party socket
 * from the same origin, no inline code, no framing, no forms. `host` is the validated Host header
 * (an IP literal or localhost), needed because not every browser lets 'self' cover ws:.
 */
export function guestCsp(host: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ws://${host}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page shell; everything else (player, chat, presence) is built by guest.js. No studio data in it. */
export function guestHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Watch party</title>
<link rel="stylesheet" href="guest.css">
</head>
<body>
<main id="party" aria-live="polite"><p class="wait">Joining the party…</p></main>
<script src="guest.js"></script>
</body>
</html>`;
}

/** Guest page styles (served as a file: the CSP has no 'unsafe-inline'). Studio dark palette. */
export const GUEST_CSS = `
:root { color-scheme: dark; --bg:#0e0f12; --panel:#17191e; --line:#2a2d35; --text:#e8e9ec; --dim:#9a9ea8; --gold:#e0b84f; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--text); font:15px/1.45 system-ui, sans-serif; }
main { max-width:1100px; margin:0 auto; padding:16px; display:grid; gap:16px; grid-template-columns: minmax(0,1fr) 300px; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
h1 { font-size:18px; margin:0 0 8px; grid-column:1/-1; }
.wait, .err { grid-column:1/-1; color:var(--dim); }
.err { color:#ff8a80; }
video { width:100%; background:#000; border-radius:8px; aspect-ratio:16/9; }
.bar { display:flex; gap:8px; align-items:center; margin-top:8px; color:var(--dim); font-size:13px; flex-wrap:wrap; }
button { background:var(--panel); color:var(--text); border:1px solid var(--line); border-radius:6px; padding:6px 12px; font:inherit; cursor:pointer; }
button.cta { background:var(--gold); color:#1a1400; border-color:var(--gold); font-weight:600; }
aside { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:12px; display:flex; flex-direction:column; gap:12px; min-height:300px; }
aside h2 { font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--dim); margin:0; }
ul { list-style:none; margin:0; padding:0; }
li { padding:2px 0; }
.host { color:var(--gold); font-size:12px; margin-left:6px; }
.log { flex:1; overflow:auto; max-height:40vh; font-size:14px; }
.log b { color:var(--dim); font-weight:500; }
form { display:flex; gap:6px; }
input { flex:1; min-width:0; background:var(--bg); color:var(--text); border:1px solid var(--line); border-radius:6px; padding:6px 8px; font:inherit; }
`;
