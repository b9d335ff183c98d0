export interface ToastMessage {
  id: number;
  text: string;
  /** Present when the action can be undone. */
  undo?: () => void;
  error?: boolean;
}

/**
 * The library's toast. The live region is always in the page (screen readers announce what appears in
 * it); errors go to an alert.
 */
export function Toast({ toast, onClose }: { toast: ToastMessage | null; onClose: () => void }) {
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {toast && (
        <div class={`toast${toast.error ? ' toast-error' : ''}`} role={toast.error ? 'alert' : undefined}>
          <span>{toast.text}</span>
          {toast.undo && (
            <button type="button" class="toast-undo" onClick={toast.undo}>
              Undo
            </button>
          )}
          <button type="button" class="toast-close" aria-label="Close message" onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
