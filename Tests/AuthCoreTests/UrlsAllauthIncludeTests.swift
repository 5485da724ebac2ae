import Foundation
import XCTest
@testable import AuthCore

/// Finding allauth.urls in URLconfs without importing them.
final class UrlsAllauthIncludeTests: XCTestCase {
    func locate(_ files: [String: String], root module: String = "urls") throws -> AllauthURLInfo {
        let project = try TemporaryProject(files, test: self)
        return AllauthURLs.locate(rootFolder: project.root, rootURLConf: module)
    }

    func testPlainInclude() throws {
        let info = try locate(["urls.py": "from django.urls import include, path\nurlpatterns = [\n    path('auth/', include('allauth.urls')),\n]\n"])
        XCTAssertEqual(info.state, .found)
        XCTAssertEqual(info.prefix, "/auth/")
        XCTAssertEqual(info.location?.description, "urls.py:3")
        XCTAssertTrue(info.urlsResolve)
    }

    func testRePathAnchorsAndEscapes() throws {
        let info = try locate(["urls.py": "from django.urls import include, re_path\nurlpatterns = [re_path(r'^my\\.site/accounts/', include('allauth.urls'))]\n"])
        XCTAssertEqual(info.prefix, "/my.site/accounts/")
        XCTAssertNil(info.prefixDynamicReason)
        let regex = try locate(["urls.py": "from django.conf.urls import url, include\nurlpatterns = [url(r'^(?P<lang>\\w+)/accounts/', include('allauth.urls'))]\n"])
        XCTAssertEqual(regex.state, .found)
        XCTAssertNotNil(regex.prefixDynamicReason)
    }

    func testProjectIncludesByStringImportedModuleAndName() throws {
        let info = try locate([
            "urls.py": "from django.urls import include, path\nfrom shop import api\nurlpatterns = [path('api/', include(api))]\n",
            "shop/__init__.py": "",
            "shop/api.py": "from django.urls import include, path\nauth_patterns = [path('auth/', include('shop.auth_urls'))]\nurlpatterns = [path('v1/', include(auth_patterns))]\n",
            "shop/auth_urls.py": "from django.urls import include, path\nurlpatterns = [path('', include('allauth.urls'))]\n",
        ])
        XCTAssertEqual(info.prefix, "/api/v1/auth/")
        XCTAssertEqual(info.location?.description, "shop/auth_urls.py:2")
        XCTAssertEqual(info.filesRead, ["urls.py", "shop/api.py", "shop/auth_urls.py"])
    }

    func testNamespaceForms() throws {
        let keyword = try locate(["urls.py": "urlpatterns = [path('accounts/', include('allauth.urls', namespace='allauth'))]\n"])
        XCTAssertEqual(keyword.namespace, "allauth")
        XCTAssertEqual(keyword.namespaceForm, .keyword)
        XCTAssertFalse(keyword.urlsResolve)
        let tuple = try locate(["urls.py": "urlpatterns = [path('accounts/', include(('allauth.urls', 'auth')))]\n"])
        XCTAssertEqual(tuple.namespace, "auth")
        XCTAssertEqual(tuple.namespaceForm, .tuple)
    }

    func testNotIncludedCustomListI18nAndConcatenation() throws {
        let missing = try locate(["urls.py": "urlpatterns = [path('admin/', admin.site.urls)]\n"])
        XCTAssertEqual(missing.state, .notFound)
        XCTAssertEqual(missing.prefix, "/accounts/")
        let custom = try locate(["urls.py": "from allauth.socialaccount.urls import build_provider_urlpatterns\nurlpatterns = [path('sso/', include(build_provider_urlpatterns()))]\n"])
        XCTAssertTrue(custom.buildsProviderURLPatterns)
        XCTAssertEqual(custom.state, .notFound)
        let i18n = try locate(["urls.py": "urlpatterns = [path('admin/', admin.site.urls)]\nurlpatterns += i18n_patterns(path('accounts/', include('allauth.urls')))\n"])
        XCTAssertTrue(i18n.underI18nPatterns)
        XCTAssertNotNil(i18n.prefixDynamicReason)
        let concatenated = try locate(["urls.py": "base = [path('x/', view)]\nurlpatterns = base + [path('login/', include('allauth.urls'))]\n"])
        XCTAssertEqual(concatenated.prefix, "/login/")
    }

    /// Django's reverse() returns the last of several includes (checked with Django 5.2).
    func testTheLastIncludeWins() throws {
        let info = try locate(["urls.py": "urlpatterns = [path('first/', include('allauth.urls')), path('second/', include('allauth.urls'))]\n"])
        XCTAssertEqual(info.prefix, "/second/")
        XCTAssertTrue(info.notes.contains { $0.contains("included 2 times") })
    }

    func testCyclesMissingFilesAndGarbageNeverCrash() throws {
        let cycle = try locate(["urls.py": "urlpatterns = [path('a/', include('b'))]\n", "b.py": "urlpatterns = [path('b/', include('urls'))]\n"])
        XCTAssertEqual(cycle.state, .notFound)
        XCTAssertTrue(cycle.notes.contains { $0.contains("cycle") })
        let absent = try locate(["other.py": ""], root: "nowhere.urls")
        XCTAssertEqual(absent.state, .unknown)
        let project = try TemporaryProject([:], test: self)
        try project.write("urls.py", Data([0xFF, 0x00, 0xFE] + Array(repeating: UInt8(ascii: "("), count: 5000)))
        XCTAssertEqual(AllauthURLs.locate(rootFolder: project.root, rootURLConf: "urls").state, .notFound)
        try project.write("deep.py", "urlpatterns = [" + String(repeating: "[", count: 3000) + "]\n")
        XCTAssertEqual(AllauthURLs.locate(rootFolder: project.root, rootURLConf: "deep").state, .notFound)
    }
}
