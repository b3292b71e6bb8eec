/**
 * An Altair thing and what hangs below it: properties with their current values, actions and events
 * (each name with its recent instances), and the thing's MQTT credentials.
 */
import * as vscode from 'vscode';
import { markdownLines, markdownText } from '../../../shared/escape/markdown';
import type { ActionResponse, EventResponse, PropertyAffordance, Thing } from '../../../platforms/altair';
import { actionIdOf } from '../../../platforms/altair';
import type { AltairSession } from '../../../connections/sessionManager';
import { ChildLoader, cursorPages, singlePage } from '../../childLoader';
import type { AltairActionRef, AltairActionRequestRef, AltairEventRecordRef, AltairEventRef, AltairPropertyRef, AltairThingRef, SeriesDescriptor } from '../../../shared/refs';
import { CONTEXT, propertyContext } from '../../contextValues';
import type { Favourite } from '../../favourite';
import type { AnyThing } from '../../platforms/altair/resources';
import type { ResourceOf } from '../../resources';
import { TreeNode, idPart } from '../../treeNode';
import { pythonSnippet, type AltairSnippetTarget, type SnippetParts } from '../../../snippets/pythonSnippet';
import { formatValue } from '../format';

export type { AnyThing };

/** The iots snippet for a target in this node's space, with the connection's host and client id (or its access token). */
export function altairSnippet(node: AltairNode, target: AltairSnippetTarget): SnippetParts {
  const p = node.services.store.get(node.connectionId ?? '');
  const host = p?.demo ? 'http://127.0.0.1:<demo port>' : (p?.host ?? 'https://api.swx.altairone.com');
  const clientId = p?.authMethod === 'accessToken' ? undefined : (p?.clientId ?? 'demo-client');
  return pythonSnippet({ ...target, host, clientId, space: node.space } as Parameters<typeof pythonSnippet>[0]);
}

/** Helpers every Altair node shares. */
export abstract class AltairNode extends TreeNode {
  session(): Promise<AltairSession> {
    return this.services.sessions.altair(this.connectionId ?? '');
  }

  /** Space of this node (from the enclosing space node). */
  abstract readonly space: string;
}

export class ThingNode extends AltairNode {
  readonly contextValue = CONTEXT.thing;
  readonly label: string;
  override readonly ref: AltairThingRef;

  constructor(
    parent: TreeNode,
    readonly space: string,
    public thing: AnyThing,
  ) {
    super(parent, idPart('thing', thing.uid));
    this.label = thing.title || thing.uid;
    this.ref = { kind: 'altair-thing', connectionId: this.connectionId ?? '', space, thingId: thing.uid };
    this.loader = new ChildLoader(
      this,
      singlePage(async () => [
        new PropertiesNode(this),
        new AffordancesNode(this, 'actions'),
        new AffordancesNode(this, 'events'),
        new MqttCredentialsNode(this),
      ]),
      { emptyLabel: '' },
    );
  }

  get uid(): string {
    return this.thing.uid;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('symbol-object');
    const model = this.thing.model?.name ? `${this.thing.model.name}${this.thing.model.version ? ` v${this.thing.model.version}` : ''}` : undefined;
    const types = Array.isArray(this.thing['@type']) ? this.thing['@type'].join(', ') : this.thing['@type'];
    item.description = model ?? types ?? undefined;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(this.label)}**\n\n`);
    if (this.thing.description) tip.appendMarkdown(markdownLines(`${this.thing.description}\n\n`));
    tip.appendMarkdown(markdownLines(`uid: ${this.thing.uid}\n\n`));
    const cats = (this.thing as Thing).categories;
    if (cats?.length) tip.appendMarkdown(markdownLines(vscode.l10n.t('categories: {0}', cats.join(', ')) + '\n\n'));
    tip.appendMarkdown(markdownLines(vscode.l10n.t('modified: {0}', this.thing.modified)));
    item.tooltip = tip;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    this.thing = await s.api.spaces(this.space).things(this.uid).get({ signal });
    return this.thing;
  }

  override platformId(): string {
    return this.uid;
  }

  override pythonSnippet(): SnippetParts {
    return this.snippetFor({ kind: 'thing', thingId: this.uid, title: this.thing.title });
  }

  snippetFor(target: AltairSnippetTarget): SnippetParts {
    return altairSnippet(this, target);
  }

  override resource(): ResourceOf<'altair-thing'> {
    return { ref: this.ref, thing: this.thing };
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: this.label };
  }
}

class PropertiesNode extends AltairNode {
  readonly contextValue = CONTEXT.properties;
  readonly label = vscode.l10n.t('Properties');
  values: Record<string, unknown> = {};

  constructor(readonly thing: ThingNode) {
    super(thing, 'properties');
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => {
        const s = await this.session();
        this.values = await s.api.spaces(this.space).things(thing.uid).properties().get({ signal });
        const schema = thing.thing.properties ?? {};
        const names = [...new Set([...Object.keys(schema), ...Object.keys(this.values)])];
        return names.map((name) => new PropertyNode(this, thing, name, schema[name], this.values[name]));
      }),
      { emptyLabel: vscode.l10n.t('No properties') },
    );
    this.services.trackLive(this);
  }

  get space(): string {
    return this.thing.space;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('symbol-property');
    const count = Object.keys(this.thing.thing.properties ?? {}).length;
    if (count) item.description = String(count);
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    return s.api.spaces(this.space).things(this.thing.uid).properties().get({ signal });
  }
}

export class PropertyNode extends AltairNode {
  readonly label: string;
  override readonly ref: AltairPropertyRef;

  constructor(
    parent: TreeNode,
    readonly thing: ThingNode,
    readonly name: string,
    readonly schema: PropertyAffordance | undefined,
    readonly value: unknown,
  ) {
    super(parent, idPart('prop', name));
    this.label = name;
    this.ref = { kind: 'altair-property', connectionId: this.connectionId ?? '', space: thing.space, thingId: thing.uid, property: name };
  }

  get space(): string {
    return this.thing.space;
  }

  get numeric(): boolean {
    const t = this.schema?.type;
    return t === 'number' || t === 'integer' || (t === undefined && typeof this.value === 'number');
  }

  get contextValue(): string {
    return propertyContext(this.numeric);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.numeric ? 'symbol-number' : typeof this.value === 'boolean' ? 'symbol-boolean' : 'symbol-string');
    item.description = this.value === undefined ? vscode.l10n.t('no value') : `${formatValue(this.value)}${this.schema?.unit ? ` ${this.schema.unit}` : ''}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(String(this.schema?.title ?? this.name))}**\n\n`);
    if (this.schema?.description) tip.appendMarkdown(markdownLines(`${this.schema.description}\n\n`));
    const facts = [
      this.schema?.type && `type: ${this.schema.type}`,
      this.schema?.unit && `unit: ${this.schema.unit}`,
      this.schema?.minimum !== undefined && `minimum: ${this.schema.minimum}`,
      this.schema?.maximum !== undefined && `maximum: ${this.schema.maximum}`,
      this.schema?.readOnly && 'read-only',
    ].filter(Boolean);
    if (facts.length) tip.appendMarkdown(markdownLines(facts.join(' · ')));
    item.tooltip = tip;
    return item;
  }

  override async json(): Promise<unknown> {
    return { name: this.name, value: this.value, schema: this.schema };
  }

  override platformId(): string {
    return this.name;
  }

  override pythonSnippet(): SnippetParts {
    return this.thing.snippetFor({ kind: 'property', thingId: this.thing.uid, property: this.name });
  }

  override series(): SeriesDescriptor | undefined {
    if (!this.numeric) return undefined;
    return { ...this.ref, label: `${this.thing.label} · ${this.name}`, unit: this.schema?.unit };
  }

  override resource(): ResourceOf<'altair-property'> {
    return { ref: this.ref, thing: this.thing.thing, schema: this.schema, value: this.value };
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: `${this.thing.label} · ${this.name}` };
  }
}

type AffordanceKind = 'actions' | 'events';

class AffordancesNode extends AltairNode {
  readonly label: string;
  readonly contextValue: string;

  constructor(
    readonly thing: ThingNode,
    readonly kind: AffordanceKind,
  ) {
    super(thing, kind);
    this.label = kind === 'actions' ? vscode.l10n.t('Actions') : vscode.l10n.t('Events');
    this.contextValue = kind === 'actions' ? CONTEXT.actions : CONTEXT.events;
    this.loader = new ChildLoader(
      this,
      singlePage(async () => Object.keys(thing.thing[kind] ?? {}).map((name) => new AffordanceNode(this, thing, kind, name))),
      { emptyLabel: kind === 'actions' ? vscode.l10n.t('No actions') : vscode.l10n.t('No events') },
    );
  }

  get space(): string {
    return this.thing.space;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(this.kind === 'actions' ? 'run' : 'bell');
    const count = Object.keys(this.thing.thing[this.kind] ?? {}).length;
    item.description = String(count);
    return item;
  }

  override async json(): Promise<unknown> {
    return this.thing.thing[this.kind] ?? {};
  }
}

/** One action or event of a thing; its children are the recent instances (the server keeps 100). */
class AffordanceNode extends AltairNode {
  readonly label: string;
  readonly contextValue: string;
  override readonly ref: AltairActionRef | AltairEventRef;

  constructor(
    parent: TreeNode,
    readonly thing: ThingNode,
    readonly kind: AffordanceKind,
    readonly name: string,
  ) {
    super(parent, idPart(kind === 'actions' ? 'action' : 'event', name));
    this.label = name;
    this.contextValue = kind === 'actions' ? CONTEXT.action : CONTEXT.event;
    const at = { connectionId: this.connectionId ?? '', space: thing.space, thingId: thing.uid };
    this.ref = kind === 'actions' ? { kind: 'altair-action', ...at, action: name } : { kind: 'altair-event', ...at, event: name };
    this.loader = new ChildLoader(
      this,
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const thingRes = s.api.spaces(this.space).things(thing.uid);
        const page =
          kind === 'actions'
            ? await thingRes.actions(name).get({ limit, nextCursor: cursor, signal })
            : await thingRes.events(name).get({ limit, nextCursor: cursor, signal });
        return { nodes: page.items.map((r, i) => new InstanceNode(this, thing, kind, name, r, `${cursor ?? ''}${i}`)), next: page.nextCursor };
      }),
      { emptyLabel: kind === 'actions' ? vscode.l10n.t('No action requests') : vscode.l10n.t('No events recorded') },
    );
  }

  get space(): string {
    return this.thing.space;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(this.kind === 'actions' ? 'symbol-method' : 'symbol-event');
    const affordance = this.thing.thing[this.kind]?.[this.name];
    item.description = affordance?.title && affordance.title !== this.name ? affordance.title : undefined;
    item.tooltip = affordance?.description;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.thing.thing[this.kind]?.[this.name] ?? {};
  }

  override resource(): ResourceOf<'altair-action'> | ResourceOf<'altair-event'> {
    const thing = this.thing.thing;
    return this.ref.kind === 'altair-action' ? { ref: this.ref, thing } : { ref: this.ref, thing };
  }

  override platformId(): string {
    return this.name;
  }

  override pythonSnippet(): SnippetParts {
    return this.thing.snippetFor({ kind: this.kind === 'actions' ? 'action' : 'event', thingId: this.thing.uid, name: this.name });
  }
}

class InstanceNode extends TreeNode {
  readonly label: string;
  readonly contextValue: string;
  override readonly ref: AltairActionRequestRef | AltairEventRecordRef;
  private readonly value: ActionResponse[string] & EventResponse[string];
  private readonly instanceId: string;

  constructor(
    parent: TreeNode,
    thing: ThingNode,
    readonly kind: AffordanceKind,
    name: string,
    readonly response: ActionResponse | EventResponse,
    fallbackId: string,
  ) {
    const id = actionIdOf(response as ActionResponse)?.id ?? fallbackId;
    super(parent, idPart('i', id));
    this.instanceId = id;
    const at = { connectionId: this.connectionId ?? '', space: thing.space, thingId: thing.uid };
    this.ref = kind === 'actions' ? { kind: 'altair-action-request', ...at, action: name, requestId: id } : { kind: 'altair-event-record', ...at, event: name, eventId: id };
    this.value = (response[name] ?? {}) as ActionResponse[string] & EventResponse[string];
    this.contextValue = kind === 'actions' ? CONTEXT.actionItem : CONTEXT.eventItem;
    this.label = (kind === 'actions' ? this.value.timeRequested : this.value.timestamp) ?? id;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    if (this.kind === 'actions') {
      const status = this.value.status ?? '';
      item.description = status;
      item.iconPath = new vscode.ThemeIcon(status === 'completed' ? 'pass' : status === 'failed' ? 'error' : 'clock');
    } else {
      item.description = this.value.data === undefined ? undefined : formatValue(this.value.data);
      item.iconPath = new vscode.ThemeIcon('symbol-event');
    }
    item.tooltip = this.instanceId;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.response;
  }

  override platformId(): string {
    return this.instanceId;
  }
}

class MqttCredentialsNode extends AltairNode {
  readonly contextValue = CONTEXT.mqtt;
  readonly label = vscode.l10n.t('MQTT credentials');

  constructor(readonly thing: ThingNode) {
    super(thing, 'mqtt');
  }

  get space(): string {
    return this.thing.space;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('key');
    item.tooltip = vscode.l10n.t('Open JSON shows the credentials (the server hides the password).');
    item.command = { command: 'iotExplorer.openJson', title: vscode.l10n.t('Open JSON'), arguments: [this] };
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    return s.api.spaces(this.space).things(this.thing.uid).mqttCredentials().get({ signal });
  }
}
