/**
 * A multi-step quick input with Back and step counters (after the VS Code "multi-step input" sample):
 * each step is a function that asks one question and returns the next step.
 */
import * as vscode from 'vscode';

class FlowAction {
  static readonly back = new FlowAction();
  static readonly cancel = new FlowAction();
}

export type Step = (input: MultiStepInput) => Promise<Step | void>;

export interface InputBoxStep {
  readonly title: string;
  /** Omitted for a lone step (Edit Connection changing one field). */
  readonly step?: number;
  readonly totalSteps?: number;
  readonly value: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  readonly validate?: (value: string) => string | undefined;
}

export interface PickStep<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly step?: number;
  readonly totalSteps?: number;
  readonly items: readonly T[];
  readonly placeholder: string;
  readonly activeItem?: T;
  readonly canSelectMany?: boolean;
  readonly selected?: readonly T[];
}

export class MultiStepInput {
  private current?: vscode.QuickInput;
  private readonly steps: Step[] = [];

  /** Runs the flow from `start`; resolves false when the user cancelled. */
  static async run(start: Step): Promise<boolean> {
    return new MultiStepInput().stepThrough(start);
  }

  private async stepThrough(start: Step): Promise<boolean> {
    let step: Step | void = start;
    try {
      while (step) {
        this.steps.push(step);
        if (this.current) {
          this.current.enabled = false;
          this.current.busy = true;
        }
        try {
          step = await step(this);
        } catch (err) {
          if (err === FlowAction.back) {
            this.steps.pop();
            step = this.steps.pop();
          } else if (err === FlowAction.cancel) {
            return false;
          } else {
            throw err;
          }
        }
      }
      return true;
    } finally {
      this.current?.dispose();
    }
  }

  async showInputBox(p: InputBoxStep): Promise<string> {
    const input = vscode.window.createInputBox();
    input.title = p.title;
    input.step = p.step;
    input.totalSteps = p.totalSteps;
    input.value = p.value;
    input.prompt = p.prompt;
    input.placeholder = p.placeholder;
    input.password = p.password ?? false;
    input.ignoreFocusOut = true;
    input.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    return this.show(input, (resolve, reject) => [
      input.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) reject(FlowAction.back);
      }),
      input.onDidAccept(() => {
        const error = p.validate?.(input.value);
        if (error) {
          input.validationMessage = error;
          return;
        }
        resolve(input.value);
      }),
      input.onDidChangeValue((v) => {
        input.validationMessage = v ? p.validate?.(v) : undefined;
      }),
    ]);
  }

  async showQuickPick<T extends vscode.QuickPickItem>(p: PickStep<T>): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = p.title;
    pick.step = p.step;
    pick.totalSteps = p.totalSteps;
    pick.placeholder = p.placeholder;
    pick.items = p.items;
    pick.canSelectMany = p.canSelectMany ?? false;
    pick.ignoreFocusOut = true;
    if (p.activeItem) pick.activeItems = [p.activeItem];
    if (p.selected) pick.selectedItems = p.selected;
    pick.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    return this.show(pick, (resolve, reject) => [
      pick.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) reject(FlowAction.back);
      }),
      pick.onDidAccept(() => resolve(p.canSelectMany ? [...pick.selectedItems] : [...pick.activeItems].slice(0, 1))),
    ]);
  }

  private show<T>(input: vscode.QuickInput, wire: (resolve: (v: T) => void, reject: (e: unknown) => void) => vscode.Disposable[]): Promise<T> {
    const disposables: vscode.Disposable[] = [];
    return new Promise<T>((resolve, reject) => {
      disposables.push(...wire(resolve, reject), input.onDidHide(() => reject(FlowAction.cancel)));
      this.current?.dispose();
      this.current = input;
      this.current.show();
    }).finally(() => {
      for (const d of disposables) d.dispose();
    });
  }
}
