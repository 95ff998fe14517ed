import { CLOUD_ENV_ID } from './config';

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('wx.cloud is unavailable: use base library 2.2.3 or newer to use cloud development.');
      return;
    }
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
  },
});
