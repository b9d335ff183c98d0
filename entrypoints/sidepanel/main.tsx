import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { SafetyBanner } from '../../components/SafetyBanner';
import { StorageGuard } from '../../components/StorageGuard';
import { openLecternDb } from '../../lib/db/schema';
import { loadSettings, watchSettings } from '../../lib/settings';
import { followTheme } from '../../lib/theme';
import { openLibraryIndex } from '../../lib/search';
import '../../components/styles.css';
import '../../components/safety.css';
import '../../components/theme.css';

followTheme(document.documentElement, { load: loadSettings, watch: (onChange) => watchSettings(onChange) });

const db = openLecternDb();
render(
  <>
    <SafetyBanner />
    <StorageGuard db={db}>
      <LibraryApp db={db} openIndex={openLibraryIndex} />
    </StorageGuard>
  </>,
  document.getElementById('app')!,
);
