/** Binance's error replies: HTTP status, code and message as the documentation gives them. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const E = {
  unknown: () => new ApiError(-1000, 'An unknown error occurred while processing the request.', 500),
  tooMany: (limit: number) => new ApiError(-1003, `Too many requests; current limit of IP(127.0.0.1) is ${limit} requests per minute. Please use the websocket for live updates to avoid polling the API.`, 429),
  timestamp: () => new ApiError(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  signature: () => new ApiError(-1022, 'Signature for this request is not valid.'),
  mandatory: (p: string) => new ApiError(-1102, `Mandatory parameter '${p}' was not sent, was empty/null, or malformed.`),
  notRequired: (p: string) => new ApiError(-1106, `Parameter '${p}' sent when not required.`),
  orderType: () => new ApiError(-1116, 'Invalid orderType.'),
  precision: () => new ApiError(-1111, 'Precision is over the maximum defined for this asset.'),
  badSymbol: () => new ApiError(-1121, 'Invalid symbol.'),
  lotSize: () => new ApiError(-1013, 'Filter failure: LOT_SIZE'),
  noListenKey: () => new ApiError(-1125, 'This listenKey does not exist.'),
  noOrder: () => new ApiError(-2013, 'Order does not exist.'),
  cancelRejected: () => new ApiError(-2011, 'Unknown order sent.'),
  wouldTrigger: () => new ApiError(-2021, 'Order would immediately trigger.'),
  keyFormat: () => new ApiError(-2014, 'API-key format invalid.', 401),
  keyPerm: () => new ApiError(-2015, 'Invalid API-key, IP, or permissions for action, request ip: 127.0.0.1', 401),
  margin: () => new ApiError(-2019, 'Margin is insufficient.'),
  reduceOnly: () => new ApiError(-2022, 'ReduceOnly Order is rejected.'),
  qtyZero: () => new ApiError(-4003, 'Quantity less than or equal to zero.'),
  qtyMax: () => new ApiError(-4005, 'Quantity greater than max quantity.'),
  clientId: () => new ApiError(-4015, 'Client order id is not valid.'),
  leverage: (l: string) => new ApiError(-4028, `Leverage ${l} is not valid`),
  notIsolated: () => new ApiError(-4051, 'Isolated balance insufficient.'),
  marginTypeSame: () => new ApiError(-4046, 'No need to change margin type.'),
  marginTypePosition: () => new ApiError(-4048, 'Margin type cannot be changed if there exists position.'),
  positionModeSame: () => new ApiError(-4059, 'No need to change position side.'),
  positionSide: () => new ApiError(-4061, "Order's position side does not match user's setting."),
  positionModeBlocked: () => new ApiError(-4068, 'Position side cannot be changed if there exists position.'),
  duplicateId: () => new ApiError(-4116, 'ClientOrderId is duplicated.'),
  maxStopOrders: () => new ApiError(-4045, 'Reach max stop order limit.'),
  /** -4120 STOP_ORDER_SWITCH_ALGO: conditional types sent to /fapi/v1/order since the 2025-12-09 Algo Service migration. */
  useAlgoOrder: () => new ApiError(-4120, 'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.'),
  quantityWithClosePosition: () => new ApiError(-4137, 'Quantity must be zero with closePosition equals true'),
  notional: (min: string) => new ApiError(-4164, `Order's notional must be no smaller than ${min} (unless you choose reduce only).`),
  transferPerm: () => new ApiError(-2015, 'Invalid API-key, IP, or permissions for action, request ip: 127.0.0.1', 401),
  balance: () => new ApiError(-5013, 'Asset transfer failed: insufficient balance', 400),
  /** Wallet error -5010 TRANSFER_FAIL: what a credits-mode account gets for USDT (Binance publishes no specific code). */
  transferFail: () => new ApiError(-5010, 'Asset transfer fail.'),
  // Multi-Assets mode (USDⓈ-M error codes -4167 … -4172).
  multiAssetsIsolated: () => new ApiError(-4167, 'Unable to adjust to Multi-Assets mode with symbols of USDⓈ-M Futures under isolated-margin mode.'),
  isolatedInMultiAssets: () => new ApiError(-4168, 'Unable to adjust to isolated-margin mode under the Multi-Assets mode.'),
  multiAssetsMargin: () => new ApiError(-4169, 'Unable to adjust Multi-Assets Mode with insufficient margin balance in USDⓈ-M Futures.'),
  multiAssetsOpenOrders: () => new ApiError(-4170, 'Unable to adjust Multi-Assets Mode with open orders in USDⓈ-M Futures.'),
  multiAssetsSame: () => new ApiError(-4171, 'Adjusted asset mode is currently set and does not need to be adjusted repeatedly.'),
  multiAssetsNegative: () => new ApiError(-4172, 'Unable to adjust Multi-Assets Mode with a negative wallet balance of margin available asset in USDⓈ-M Futures account.'),
};
