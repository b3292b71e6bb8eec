/** IoT-TICKET emulator module: v1 API (/api/v1), device HTTP adapter (/http-adapter) and asset API (/core/v1). */
import type { EmulatorContext, EmulatorModule } from '../server';

export function createIotTicketModule(_context: EmulatorContext): EmulatorModule {
  return { name: 'iotticket', register() {}, info: () => ({}) };
}
