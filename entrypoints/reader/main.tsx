import { render } from 'preact';
import { ReaderApp, type ReaderActions } from '../../components/reader/ReaderApp';
import { openLecternDb } from '../../lib/db/schema';
import { request } from '../../lib/messaging/client';
import { paperOfReaderSearch } from '../../lib/snapshot/reader-url';
import '../../components/reader/reader.css';

const actions: ReaderActions = {
  create: (highlight) => request('highlight.create', highlight),
  update: (edit) => request('highlight.update', edit),
  remove: (ids) => request('highlight.delete', { ids }),
  restore: (highlights) => request('highlight.restore', { highlights }),
};

const root = document.getElementById('app')!;
const paperId = paperOfReaderSearch(location.search);
if (!paperId) {
  root.textContent = 'This reader address names no paper (expected reader.html?paper=<id>).';
} else {
  render(<ReaderApp db={openLecternDb()} paperId={paperId} actions={actions} hash={location.hash} />, root);
}
