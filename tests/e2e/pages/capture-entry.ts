// Test-only entry: exposes the capture of the current page to the end-to-end test that bundles it.
import { capturePage } from '../../../lib/snapshot/capture';

(window as unknown as { lecternCapture: () => unknown }).lecternCapture = () => capturePage(document, location.href);
