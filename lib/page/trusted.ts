/**
 * Page scripts share the DOM with the content script: they can dispatch key presses on the document and
 * call `click()` on the buttons in our (open) shadow roots. Only what the browser vouches for as the user's
 * own input may change the library: an event a script dispatched carries `isTrusted: false`.
 */
export function dispatchedByScript(event: Event): boolean {
  // Environments without the flag (test DOMs) leave it undefined: only an explicit false is refused.
  return event.isTrusted === false;
}
