import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { openLecternDb } from '../../lib/db/schema';
import '../../components/styles.css';

render(<LibraryApp db={openLecternDb()} />, document.getElementById('app')!);
