-- Criteria sets v2 (SPEC 7.3): per set bands (xếp loại), highest first; NULL for a set without
-- bands. whenNoData and tiers live with each indicator inside `groups`.
ALTER TABLE criteria_set ADD COLUMN bands jsonb;

-- The built-in set of Decision 766/QĐ-TTg, version 1, exactly as the table of SPEC 7.3 (group names
-- without their point totals). Shared by every province (owner_province NULL): a national admin
-- may PUT a corrected version. Kept equal to CriteriaSet.qd766() (events), which the tests compare.
INSERT INTO criteria_set (id, version, name, groups, bands, owner_province) VALUES ('qd766', 1,
 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)', '[
  {"name": "Công khai, minh bạch", "indicators": [
     {"key": "assessed.publishOnTime", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "assessed.publicUpdateOnTime", "maxPoints": 4, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "assessed.publicContentComplete", "maxPoints": 2, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "onestop.syncRate", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"}]},
  {"name": "Tiến độ, kết quả giải quyết", "indicators": [
     {"key": "onestop.onTimeRate", "maxPoints": 20, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"}]},
  {"name": "Cung cấp dịch vụ trực tuyến", "indicators": [
     {"key": "onestop.fullOnlineUptake", "maxPoints": 12, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE",
      "tiers": ["PROVINCE", "DEPARTMENT", "DISTRICT"]}]},
  {"name": "Thanh toán trực tuyến", "indicators": [
     {"key": "onestop.onlinePaymentRate", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "assessed.feeDataIntegrated", "maxPoints": 2, "fullMarksAt": 0.80, "whenNoData": "NOT_APPLICABLE"},
     {"key": "assessed.onlinePaymentProcedures", "maxPoints": 2, "fullMarksAt": 0.80, "whenNoData": "NOT_APPLICABLE"}]},
  {"name": "Số hóa hồ sơ", "indicators": [
     {"key": "onestop.electronicResultRate", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "onestop.digitizedRate", "maxPoints": 4, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "assessed.electronicCertifiedCopy", "maxPoints": 2, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "onestop.reuseRate", "maxPoints": 2, "fullMarksAt": 0.80, "whenNoData": "NOT_APPLICABLE"},
     {"key": "onestop.dataStoreRate", "maxPoints": 4, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE"},
     {"key": "onestop.citizenDataRate", "maxPoints": 2, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE",
      "tiers": ["PROVINCE", "DEPARTMENT", "DISTRICT"]},
     {"key": "assessed.citizenDataProcedures", "maxPoints": 2, "fullMarksAt": 1.00, "whenNoData": "NOT_APPLICABLE",
      "tiers": ["PROVINCE", "DEPARTMENT", "DISTRICT"]}]},
  {"name": "Mức độ hài lòng", "indicators": [
     {"key": "feedback.onTimeRate", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "FULL"},
     {"key": "feedback.satisfactionRate", "maxPoints": 6, "fullMarksAt": 1.00, "whenNoData": "FULL"},
     {"key": "onestop.satisfactionRate", "maxPoints": 6, "fullMarksAt": 0.90, "whenNoData": "NOT_APPLICABLE"}]}
 ]', '[{"min": 90, "label": "Xuất sắc"}, {"min": 80, "label": "Tốt"}, {"min": 70, "label": "Khá"},
       {"min": 50, "label": "Trung bình"}, {"min": 0, "label": "Yếu"}]', NULL)
ON CONFLICT (id, version) DO NOTHING;
