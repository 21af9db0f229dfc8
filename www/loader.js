import { defaults } from './settings.js';

// The bookmarklet: a short javascript: loader pointing at the address this
// reader is served from (its origin, or a folder on it). Clicked on a page, it imports bookmarklet.js from
// here, which shows the article in an overlay. If the page's CSP blocks that
// import (or bookmarklet.js reports that it cannot run there: no
// WebAssembly, no Trusted Types policy), the loader falls back to opening
// this reader in a new tab and handing it the page:
//   reader -> page  {type: 'decant:ready', nonce}        once it is ready
//   page -> reader  {type: 'decant:page', nonce, url, html}, to the reader's origin only
// The page answers only the window it opened, only from the reader's origin.
// The reader's settings travel in the bookmarklet itself (handed to the
// module as it is called), so the overlay reads with them although it runs
// on another origin; nothing is stored in the visited page.

const source = (base, settings) => `(()=>{
const B=${JSON.stringify(base)},R=new URL(B).origin,d=document,f=()=>{
const u=location.href,t=d.documentElement.outerHTML,w=window.open(B+"?from=bookmarklet");
if(!w)return;
const h=e=>{if(e.source==w&&e.origin==R&&e.data&&e.data.type=="decant:ready"){
removeEventListener("message",h);
w.postMessage({type:"decant:page",nonce:e.data.nonce,url:u,html:t},R)}};
addEventListener("message",h);
setTimeout(()=>removeEventListener("message",h),6e4)};
import(B+"bookmarklet.js").then(m=>m.default(f,${JSON.stringify(settings)}),f)})()`.replace(/\n/g, '');

/** Only what differs from the defaults, to keep the bookmark short. */
function changed(settings) {
  return Object.fromEntries(Object.entries(settings).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(defaults[key])));
}

/**
 * The javascript: URL of the bookmarklet for a reader served at `base`
 * (ending in "/"), carrying `settings` to the overlay.
 */
export function bookmarklet(base, settings = defaults) {
  return `javascript:${encodeURIComponent(source(base, changed(settings)))}`;
}
