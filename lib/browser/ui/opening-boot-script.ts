import { key } from '../collab/browser-keys';
import { OPEN_MARK_PREFIX } from './open-timeline';

/** Where the inline script leaves the fetched opening for the page's modules (lib/browser/workspace/opening.ts). */
export const OPENING_GLOBAL = '__sparkpadOpening';
/** The elements of the session shell (components/session-shell.tsx) the script draws into. */
export const OPENING_VIEW_ID = 'sparkpad-opening';
export const OPENING_TAB_ID = 'sparkpad-opening-file';

/**
 * Runs inline as the session page's HTML is parsed (app/s/[room]/page.tsx), long before the page's
 * scripts have loaded: with the link's token (the owner link this browser kept for the room first, as
 * accessFromLocation does) it asks for the room's first file and its first lines, and draws them in the
 * shell as static-file-view.tsx does, with textContent only. Beside it, it asks for this browser's signed
 * identity in the room (the question session-api.ts's requestIdentity asks), so the Yjs socket, which
 * presents it, need not wait for the page's scripts and then for that answer. The server cannot put the text into the
 * HTML itself: the token is in the fragment, which never reaches it. The same lines stay on screen when
 * the session view takes over, until Monaco shows the file.
 */
export const OPENING_BOOT_SCRIPT = `(function(){try{
var room=decodeURIComponent(location.pathname.split('/').pop()||''),token=null;
try{token=localStorage.getItem(${JSON.stringify(key('owner', ''))}+room)}catch(e){}
if(!token)token=new URLSearchParams(location.hash.slice(1)).get('k');
if(!token)return;
var state={room:room,value:undefined};
state.promise=fetch('/api/sessions/'+encodeURIComponent(room)+'/opening',{headers:{authorization:'Bearer '+token},cache:'no-store'})
.then(function(r){return r.ok?r.json():null}).catch(function(){return null})
.then(function(o){state.value=o;draw(o);return o});
var stored=null;try{stored=localStorage.getItem(${JSON.stringify(key('identity', ''))}+room)}catch(e){}
state.token=token;state.storedIdentity=stored;
state.identity=fetch('/api/sessions/'+encodeURIComponent(room)+'/identity',{method:'POST',headers:{authorization:'Bearer '+token,'content-type':'application/json'},body:JSON.stringify(stored?{identity:stored}:{})})
.then(function(r){return r.json().catch(function(){return null}).then(function(b){return{ok:r.ok,status:r.status,body:b}})},function(){return null});
window[${JSON.stringify(OPENING_GLOBAL)}]=state;
function draw(o){
var view=document.getElementById(${JSON.stringify(OPENING_VIEW_ID)});
if(!view||!o||typeof o.path!=='string'||!Array.isArray(o.lines))return;
var pre=document.createElement('pre');pre.className='static-file-lines';
o.lines.forEach(function(line,i){
var row=document.createElement('div');row.className='static-file-line';
var n=document.createElement('span');n.className='static-file-number';n.setAttribute('aria-hidden','true');n.textContent=String(i+1);
var code=document.createElement('code');code.textContent=String(line)||' ';
row.appendChild(n);row.appendChild(code);pre.appendChild(row)});
view.replaceChildren(pre);view.classList.remove('is-empty');view.removeAttribute('aria-hidden');
view.setAttribute('role','region');view.setAttribute('aria-label',o.path+', loading the editor');
var tab=document.getElementById(${JSON.stringify(OPENING_TAB_ID)});if(tab)tab.textContent=o.path;
performance.mark(${JSON.stringify(OPEN_MARK_PREFIX)}+'static-text')}
}catch(e){}})()`;

/** What the inline script's identity request answered: null when the server could not be reached. */
export interface EarlyAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

/**
 * The identity answer the inline script asked for, once, when it asked for this room with this token
 * and this stored identity; null otherwise (then the page asks itself). Taken once: a later session
 * of the page (a rerender, a reconnect) asks afresh.
 */
export function earlyIdentity(room: string, token: string, stored: string | null): Promise<EarlyAnswer | null> | null {
  if (typeof window === 'undefined') return null;
  const state = (window as unknown as Record<string, BootState | undefined>)[OPENING_GLOBAL];
  if (!state?.identity || state.room !== room || state.token !== token || state.storedIdentity !== stored) return null;
  const answer = state.identity;
  state.identity = undefined;
  return answer;
}

interface BootState {
  room: string;
  token?: string;
  storedIdentity?: string | null;
  identity?: Promise<EarlyAnswer | null>;
}
