import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { openLecternDb } from '../../lib/db/schema';
import { openLibraryIndex } from '../../lib/search';
import '../../components/styles.css';

render(<LibraryApp db={openLecternDb()} openIndex={openLibraryIndex} />, document.getElementById('app')!);
