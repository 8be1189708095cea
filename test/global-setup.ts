// Before any test file starts: build the knowledge index and train the situation models once,
// so the start-up cache is warm and parallel test files (and the processes they start) read it
// instead of each training the same models at the same time.
import { loadKnowledgeIndex } from '../src/search/knowledge-index.ts';

export default function setup(): void {
  loadKnowledgeIndex();
}
