import Foundation
import XCTest
@testable import AuthCore

/// The doctor's findings on every oracle layout: exactly these codes (with the provider they are
/// about), no more, no fewer. Each was checked against what the oracle saw Django/allauth do.
final class DoctorFindingsTests: XCTestCase {
    static let expected: [String: [String]] = [
        "app_form": ["credentials-env-unset:google"],
        "apps_oidc": ["account-middleware-not-last", "undocumented-scope:corp-sso", "conditional-app:partner-idp"],
        "split_settings": ["credentials-env-unset:github"],
        "custom_prefix": [],
        "empty_oidc_prefix": ["oidc-provider-id-collision:gitlab", "legacy-servers:openid_connect"],
        "db_apps": ["app-duplicated:discord", "app-invisible:gitlab", "app-invisible:google", "site-example-com"],
        "misconfigured": ["account-middleware-missing", "allauth-urls-namespaced", "provider-not-installed:facebook", "app-duplicated:github",
                          "scope-in-app:github", "placeholder-credentials:github", "removed-provider:keycloak", "request-context-processor-missing",
                          "auth-backend-missing", "http-callback-on-https-site", "site-example-com", "unknown-app-key:microsoft",
                          "sites-after-socialaccount", "microsoft-tenant-default:microsoft"],
        "misconfigured_runnable": ["provider-not-installed:facebook", "app-duplicated:github", "scope-in-app:github", "placeholder-credentials:github",
                                   "removed-provider:keycloak", "request-context-processor-missing", "auth-backend-missing",
                                   "http-callback-on-https-site", "site-example-com", "unknown-app-key:microsoft", "sites-after-socialaccount",
                                   "microsoft-tenant-default:microsoft"],
        "namespaced_include": ["allauth-urls-namespaced", "credentials-env-unset:google"],
        "namespaced_include_tuple": ["allauth-urls-namespaced", "credentials-env-unset:google"],
        "socialaccount_only": ["socialaccount-only-email-verification", "socialaccount-only-email-verification",
                               "socialaccount-only-login-by-code", "apple-key-missing:apple",
                               "apple-certificate-key-in-app:apple", "microsoft-tenant-default:microsoft"],
    ]

    func testExactFindingCodesPerLayout() throws {
        for (layout, codes) in Self.expected {
            let report = try OracleProjects.report(layout)
            let got = report.allFindings.map { $0.code + ($0.providerID.map { ":" + $0 } ?? "") }
            XCTAssertEqual(got, codes, layout)
        }
    }

    /// allauth's own system checks, as the oracle recorded them (check_issues), against the
    /// doctor's SOCIALACCOUNT_ONLY findings: one finding per Critical, on every layout; and
    /// allauth's "certificate_key should be moved" warning against apple-certificate-key-in-app.
    func testSocialAccountOnlyAndAppleFindingsMatchWhatAllauthReported() throws {
        var critical = 0
        for layout in OracleProjects.layouts {
            let expected = try OracleProjects.expected(layout)
            let report = try OracleProjects.report(layout)
            let issues = (expected["check_issues"] as? [[String: Any]] ?? []).compactMap { $0["msg"] as? String }
                .filter { $0.hasPrefix("SOCIALACCOUNT_ONLY") }
            critical += issues.count
            let ours = report.allFindings.filter { $0.code.hasPrefix("socialaccount-only-") }
            XCTAssertEqual(ours.count, issues.count, "\(layout): \(issues)")
            for issue in issues {
                // "... ACCOUNT_LOGIN_BY_CODE_ENABLED", "requires SOCIALACCOUNT_EMAIL_VERIFICATION = 'none'"
                let setting = issue.split(separator: " ").first { $0.hasSuffix("_ENABLED") || $0.hasSuffix("_VERIFICATION") }.map(String.init)
                XCTAssertTrue(ours.contains { f in setting.map { f.message.contains($0 + " ") || f.message.contains($0 + " =") } ?? false },
                              "\(layout): nothing for \(issue)")
            }
            let warned = (expected["python_warnings"] as? [[String: Any]] ?? []).contains {
                ($0["message"] as? String) == "'certificate_key' should be moved into app.settings"
            }
            XCTAssertEqual(report.allFindings.contains { $0.code == "apple-certificate-key-in-app" }, warned, layout)
        }
        XCTAssertEqual(critical, 3)
    }

    func testAllProvidersFlagsEveryProviderWithoutAnAppAndLinkedInsRetiredDefault() throws {
        let report = try OracleProjects.report("all_providers")
        let codes = report.allFindings.map(\.code)
        XCTAssertEqual(codes.filter { $0 == "provider-without-app" }.count, 121)
        XCTAssertEqual(report.allFindings.first?.code, "retired-scope")
        XCTAssertEqual(report.allFindings.first?.providerID, "linkedin_oauth2")
        XCTAssertEqual(Set(codes), ["provider-without-app", "retired-scope"])
    }

    /// What the oracle proved: a namespaced include and a missing AccountMiddleware stop allauth;
    /// the doctor calls both errors, while sites-after-socialaccount (harmless with Django 5.2 /
    /// allauth 65) is only a note.
    func testSeveritiesFollowWhatTheOracleSaw() throws {
        let report = try OracleProjects.report("misconfigured")
        func severity(_ code: String) -> Severity? { report.allFindings.first { $0.code == code }?.severity }
        XCTAssertEqual(severity("account-middleware-missing"), .error)
        XCTAssertEqual(severity("allauth-urls-namespaced"), .error)
        XCTAssertEqual(severity("app-duplicated"), .error)
        XCTAssertEqual(severity("scope-in-app"), .error)
        XCTAssertEqual(severity("sites-after-socialaccount"), .info)
        XCTAssertEqual(severity("auth-backend-missing"), .warning)
        XCTAssertTrue(report.hasErrors)
        for finding in report.allFindings {
            XCTAssertFalse(finding.message.isEmpty || finding.fix.isEmpty, finding.code)
            XCTAssertNotNil(finding.location, finding.code)
        }
        XCTAssertEqual(report.allFindings.first { $0.code == "account-middleware-missing" }?.location, "brokensite/settings.py:34")
        XCTAssertEqual(report.allFindings.first { $0.code == "allauth-urls-namespaced" }?.location, "brokensite/urls.py:6")
        XCTAssertEqual(report.allFindings.first { $0.code == "app-duplicated" }?.location, "brokensite/settings.py:78, socialaccount_socialapp id=1")
        XCTAssertFalse(try OracleProjects.report("custom_prefix").hasErrors)
    }
}
