import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { openLecternDb } from '../../lib/db/schema';
import { loadSettings, watchSettings } from '../../lib/settings';
import { followTheme } from '../../lib/theme';
import '../../components/styles.css';
import '../../components/theme.css';

followTheme(document.documentElement, { load: loadSettings, watch: (onChange) => watchSettings(onChange) });

render(<LibraryApp db={openLecternDb()} />, document.getElementById('app')!);
