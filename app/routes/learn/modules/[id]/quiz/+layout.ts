// This page shows what is on this device (answers, certificates): it stays client-rendered inside the public learn/.
export const ssr = false;
