/**
 * The commands that reach the SDK methods the rest of the UI did not (issue 16 §2): IoT-TICKET time
 * signals, all series of an asset, credential queries, active-event counts and acknowledgements; Altair action
 * requests and recorded events (show, complete, delete), single property reads, Things and categories
 * (create, update, delete, bulk patch and delete), all events of a Thing and raw requests. Each
 * command takes its answers as options too (`{ timesignalId, confirm: false, … }`), so scripts and tests
 * run it without prompts, and returns what the platform answered. Loaded on first use (src/lazy/features.ts).
 */
import type * as vscode from 'vscode';
import type { CommandCall } from '../commands/kernel';
import type { CommandId } from '../commands/commandIds';
import type { MethodsDeps } from './deps';
import { acknowledgeEvent, countActiveEvents } from './iotticket/activeEvents';
import { chartAllSeries } from './iotticket/allSeries';
import { findCredential } from './iotticket/credentialQuery';
import { readTimesignal } from './iotticket/timesignal';
import { completeActionRequest, deleteRecord, readProperty, showRecord, showThingEvents } from './altair/records';
import { createThing, deleteThing, updateThing } from './altair/thingCrud';
import { createCategory, deleteCategory, updateCategory } from './altair/categoryCrud';
import { deleteThings, patchThings } from './altair/bulkThings';
import { sendRequest } from './altair/sendRequest';

export function registerMethods(deps: MethodsDeps): vscode.Disposable[] {
  const on = (id: CommandId, run: (call: CommandCall) => Promise<unknown>): vscode.Disposable => deps.commands.register(id, run);
  return [
    on('iotExplorer.iotticket.readTimesignal', (call) => readTimesignal(deps, call.node, call.options)),
    on('iotExplorer.iotticket.chartAllSeries', (call) => chartAllSeries(deps, call.node)),
    on('iotExplorer.iotticket.findCredential', (call) => findCredential(deps, call.node, call.options)),
    on('iotExplorer.iotticket.countActiveEvents', (call) => countActiveEvents(deps, call.node)),
    on('iotExplorer.iotticket.acknowledgeEvent', (call) => acknowledgeEvent(deps, call.node, call.options)),
    on('iotExplorer.altair.showRecord', (call) => showRecord(deps, call.node)),
    on('iotExplorer.altair.completeActionRequest', (call) => completeActionRequest(deps, call.node, call.options)),
    on('iotExplorer.altair.deleteRecord', (call) => deleteRecord(deps, call.node, call.options)),
    on('iotExplorer.altair.readProperty', (call) => readProperty(deps, call.node)),
    on('iotExplorer.altair.createThing', (call) => createThing(deps, call.node, call.options)),
    on('iotExplorer.altair.updateThing', (call) => updateThing(deps, call.node, call.options)),
    on('iotExplorer.altair.deleteThing', (call) => deleteThing(deps, call.node, call.options)),
    on('iotExplorer.altair.createCategory', (call) => createCategory(deps, call.node, call.options)),
    on('iotExplorer.altair.updateCategory', (call) => updateCategory(deps, call.node, call.options)),
    on('iotExplorer.altair.deleteCategory', (call) => deleteCategory(deps, call.node, call.options)),
    on('iotExplorer.altair.patchThings', (call) => patchThings(deps, call.node, call.options)),
    on('iotExplorer.altair.deleteThings', (call) => deleteThings(deps, call.node, call.options)),
    on('iotExplorer.altair.showThingEvents', (call) => showThingEvents(deps, call.node)),
    on('iotExplorer.altair.sendRequest', (call) => sendRequest(deps, call.node, call.options)),
  ];
}
