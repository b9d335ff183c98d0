/**
 * Dimming read and dismissed entries on listing pages (a setting, off by default). The entry's own block
 * (arXiv's `dt` + `dd`, a card, a list item) is faded with a Web Animations effect that holds its end state:
 * no attribute, class or style of the page's elements changes, no layout changes (opacity only), and
 * cancelling the animation restores the page exactly.
 */

const ENTRY_BLOCKS = 'dd, li, article, tr';
const KEYFRAMES: Keyframe[] = [{ opacity: 0.42 }];
const TIMING: KeyframeAnimationOptions = { duration: 120, fill: 'forwards', easing: 'ease-out', id: 'lectern-dim' };

/** The elements that make up the entry whose title is `anchor` (what dimming fades). */
export function entryBlocks(anchor: Element): Element[] {
  const block = anchor.closest(ENTRY_BLOCKS);
  if (!block) return [anchor];
  if (block.localName === 'dd') {
    const dt = block.previousElementSibling;
    return dt?.localName === 'dt' ? [dt, block] : [block];
  }
  return [block];
}

export class Dimmer {
  private readonly dimmed = new Map<Element, Animation[]>();

  /** Dims or undims the entry whose title is `anchor`. */
  set(anchor: Element, dim: boolean): void {
    const current = this.dimmed.get(anchor);
    if (dim && !current) {
      const animations: Animation[] = [];
      for (const block of entryBlocks(anchor)) {
        if (typeof block.animate !== 'function') continue;
        const animation = block.animate(KEYFRAMES, TIMING);
        // Cancelling rejects `finished`: nobody waits for it.
        animation.finished.catch(() => undefined);
        animations.push(animation);
      }
      this.dimmed.set(anchor, animations);
    } else if (!dim && current) {
      for (const animation of current) animation.cancel();
      this.dimmed.delete(anchor);
    }
  }

  isDimmed(anchor: Element): boolean {
    return this.dimmed.has(anchor);
  }

  clear(): void {
    for (const animations of this.dimmed.values()) for (const animation of animations) animation.cancel();
    this.dimmed.clear();
  }
}
