/** What the inline previews' shell (registerInlinePreviews.ts) and the feature it loads (inlineFeature.ts) share. */
import type { CommandKernel } from '../commands/kernel';
import type { Explorer } from '../explorer/explorer';
import type { InlineCodeLensProvider } from './codeLensProvider';
import type { NamesPathCompletionProvider } from './completion';
import type { NamesPathDiagnostics } from './diagnostics';
import type { FileConnections, ProfileSource } from './fileConnection';
import type { InlineHoverProvider } from './hoverProvider';
import type { InlineLog } from './inlineContext';
import type { LatestValueService } from './latestValueService';
import type { LiveValueSource } from './liveSource';
import type { StatusBarPins } from './statusBarPins';
import type { TreeValues } from './treeValues';
import type { SessionSource } from './valueBackend';

export interface InlineDeps {
  readonly commands: CommandKernel;
  readonly sessions: SessionSource;
  readonly store: ProfileSource;
  readonly log: InlineLog;
  /** The Connections tree (tree values and "Reveal in tree"); optional. */
  readonly explorer?: Explorer;
  /** Pushed values (Altair over MQTT); without it everything is polled. */
  readonly live?: LiveValueSource;
}

/** The parts of the feature while it is on. */
export interface InlineFeature {
  readonly values: LatestValueService;
  readonly connections: FileConnections;
  readonly hovers: InlineHoverProvider;
  readonly codeLenses: InlineCodeLensProvider;
  readonly completion: NamesPathCompletionProvider;
  readonly diagnostics: NamesPathDiagnostics;
  readonly pins: StatusBarPins;
  readonly tree: TreeValues;
}
