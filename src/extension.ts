import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('IoT Explorer', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand('iotExplorer.showLog', () => log.show()));
}

export function deactivate(): void {}
