import JsdomEnvironment from 'jest-environment-jsdom';

/** The zone of the phone in the pictures: the page shows times in the phone's zone, and merchants are in China. */
const PHONE_ZONE = 'Asia/Shanghai';

/**
 * jsdom in the phone's zone, whatever zone the tests run in. A test cannot set it (jest gives each test
 * file its own copy of process.env); the environment runs in the worker itself, where Node applies a
 * changed TZ at once, and puts the worker's zone back when the file is done.
 */
export default class PhoneZoneEnvironment extends JsdomEnvironment {
  private readonly workerZone = process.env.TZ;

  override async setup(): Promise<void> {
    process.env.TZ = PHONE_ZONE;
    await super.setup();
  }

  override async teardown(): Promise<void> {
    if (this.workerZone === undefined) delete process.env.TZ;
    else process.env.TZ = this.workerZone;
    await super.teardown();
  }
}
