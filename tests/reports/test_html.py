from ecei_analysis.reports.html import CONTENT_SECURITY_POLICY, finish_html

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Notebook</title>
<script src="https://cdn.example/require.js"></script>
<link rel="stylesheet" href="https://cdn.example/x.css">
<script type="text/x-mathjax-config">init()</script></head>
<body><h1>Briefing: <i>&lt;hostile&gt;</i></h1><p>text</p></body></html>"""


def test_page_is_offline_script_free_and_locked_down():
    out = finish_html(PAGE)
    assert "<script" not in out.lower() and "cdn.example" not in out
    assert f'content="{CONTENT_SECURITY_POLICY}"' in out
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert "script-src 'none'" in CONTENT_SECURITY_POLICY
    assert "<title>Briefing: &lt;hostile&gt;</title>" in out
    assert "break-inside: avoid" in out
