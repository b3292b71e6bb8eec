/**
 * Devices that answer their commands, for the demo (issue 19 §15): every device fetches the commands
 * queued for it once they are `afterMs` old and answers each `afterMs` later with success, so a command's
 * lifecycle (QUEUED → DELIVERED → SUCCEEDED) shows without a real device. Off unless the emulator is
 * started with `deviceAnswerMs`: tests that play the device themselves need the queue left alone.
 */
import type { IotTicketModel } from './model';

export function simulateDevices(state: () => IotTicketModel, afterMs: number): () => void {
  const tick = (): void => {
    const model = state();
    const now = model.now();
    const due = new Set<string>();
    for (const c of model.commands.all) {
      const since = now - c.history[c.history.length - 1].ts;
      if (c.status === 'QUEUED' && since >= afterMs) due.add(c.deviceId);
      else if (c.status === 'DELIVERED' && since >= afterMs) {
        model.commands.respond(c, 200, JSON.stringify({ result: 'applied', payload: c.payload }), now);
      }
    }
    for (const deviceId of due) model.commands.deliver(deviceId, 100, now);
  };
  const timer = setInterval(tick, Math.max(25, Math.floor(afterMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
