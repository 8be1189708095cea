// One thing per platform, registered by each front end as it starts: how a tip, a brief or an
// HR question reaches people there. The core asks for a platform's entry and never names one.

import type { Platform } from '../store/store.ts';

export class ByPlatform<T> {
  private readonly byPlatform = new Map<Platform, T>();

  register(platform: Platform, entry: T): void {
    this.byPlatform.set(platform, entry);
  }

  get(platform: Platform): T | undefined {
    return this.byPlatform.get(platform);
  }
}
