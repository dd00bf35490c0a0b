import type { PackProgress } from './pack-download.service';

type PackRunStatus = 'downloading' | 'interrupted' | 'complete' | 'error';

/** A pack download of this visit, as the pack page and the library show it. */
interface PackRun extends PackProgress {
  status: PackRunStatus;
  error: string | null;
}

/** Downloads in progress (or just finished) during this visit, by pack id; survives moving between pages. */
class PackRuns {
  runs = $state<Record<string, PackRun>>({});
}

export const packRuns = new PackRuns();
