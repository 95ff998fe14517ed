import type { ModelStateInput } from '../../emulator/state';

/** Three low accounts (ZTO 12, YTO 40, STO 75) and a healthy one: the alert suites' shared back end. */
export const THREE_LOW: ModelStateInput = {
  couriers: [
    { deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true },
    { deliveryId: 'ZTO', deliveryName: '中通快递', canGetQuota: true },
    { deliveryId: 'STO', deliveryName: '申通快递', canGetQuota: true },
  ],
  accounts: [
    { deliveryId: 'YTO', bizId: 'Y1', alias: '杭州仓', quotaNum: 40 },
    { deliveryId: 'ZTO', bizId: 'ZT10086', alias: '上海仓', quotaNum: 12 },
    { deliveryId: 'STO', bizId: 'S1', alias: '', quotaNum: 75 },
    { deliveryId: 'YTO', bizId: 'Y2', alias: '宁波仓', quotaNum: 900 },
  ],
};
