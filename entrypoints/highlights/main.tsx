import { render } from 'preact';
import { HighlightsView } from '../../components/HighlightsView';
import { openLecternDb } from '../../lib/db/schema';
import '../../components/styles.css';

// Every highlight on a page of its own (the side panel shows the same view under `#/highlights`).
render(
  <main class="library">
    <HighlightsView db={openLecternDb()} />
  </main>,
  document.getElementById('app')!,
);
