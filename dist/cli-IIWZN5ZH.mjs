import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;

// src/devices/devices.json
var devices_default = JSON.parse('{"source":"DeepEn2023 (Tu et al., ACM/IEEE SEC 2023): data/deepen2023/devices.csv and device_scores.csv","devices":[{"id":"oneplus-8-pro","name":"OnePlus 8 Pro","soc":"Snapdragon 865","cpu":"A77+A55 (4+4, 2.84 GHz)","gpu":"Adreno 650","batteryMah":4510,"class":"flagship","iecs":173,"pcs":75},{"id":"xiaomi-redmi-note8","name":"Xiaomi Redmi Note8","soc":"Snapdragon 665","cpu":"A73+A53 (4+4, 2.0 GHz)","gpu":"Adreno 610","batteryMah":4500,"class":"mid-range","iecs":140,"pcs":78},{"id":"huawei-mate40-pro","name":"Huawei Mate40 Pro","soc":"Kirin 9000","cpu":"A77+A55 (4+4, 3.13 GHz)","gpu":"Mali-G78","batteryMah":4400,"class":"flagship","iecs":224,"pcs":62},{"id":"huawei-p40-pro","name":"Huawei P40 Pro","soc":"Kirin 990 5G","cpu":"A76+A55 (4+4, 2.86 GHz)","gpu":"Mali-G76","batteryMah":4200,"class":"flagship","iecs":260,"pcs":78},{"id":"huawei-p40-lite","name":"Huawei P40 Lite","soc":"Kirin 810","cpu":"A76+A55 (2+6, 2.27 GHz)","gpu":"Mali-G52","batteryMah":4200,"class":"mid-range","iecs":202,"pcs":74},{"id":"huawei-p40-lite-e","name":"Huawei P40 Lite E","soc":"Kirin 710F","cpu":"A73+A53 (4+4, 2.2 GHz)","gpu":"Mali-G51","batteryMah":4000,"class":"mid-range","iecs":138,"pcs":70},{"id":"xiaomi-redmi-k30-ultra","name":"Xiaomi Redmi K30 Ultra","soc":"Dimensity 1000+","cpu":"A77+A55 (4+4, 2.6 GHz)","gpu":"Mali-G77","batteryMah":4500,"class":"flagship","iecs":158,"pcs":67},{"id":"motorola-one-macro","name":"Motorola One Macro","soc":"Helio P70","cpu":"A73+A53 (4+4, 2.1 GHz)","gpu":"Mali-G72","batteryMah":4000,"class":"mid-range","iecs":129,"pcs":56}]}');

// src/devices/catalog.ts
var DEVICE_CATALOG_SOURCE = devices_default.source;
var DEVICES = devices_default.devices;
function deviceInfo(id) {
  return DEVICES.find((d) => d.id === id);
}

export {
  DEVICES,
  deviceInfo
};
