import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { SafetyBanner } from '../../components/SafetyBanner';
import { StorageGuard } from '../../components/StorageGuard';
import { openLecternDb } from '../../lib/db/schema';
import '../../components/styles.css';
import '../../components/safety.css';

const db = openLecternDb();
render(
  <>
    <SafetyBanner />
    <StorageGuard db={db}>
      <LibraryApp db={db} />
    </StorageGuard>
  </>,
  document.getElementById('app')!,
);
