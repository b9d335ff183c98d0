/** What was just done, with its undo while it may still apply. */
export interface ToastState {
  message: string;
  undo?: () => Promise<void>;
}

export function UndoToast({ toast, onClose }: { toast: ToastState | null; onClose: () => void }) {
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {toast && (
        <div class="toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" class="primary" onClick={() => void toast.undo!()}>
              Undo
            </button>
          )}
          <button type="button" class="link-button" aria-label="Close this message" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
