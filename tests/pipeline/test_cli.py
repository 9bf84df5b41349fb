"""The CLI's quick commands, called through main(argv) as a user would type them."""

from __future__ import annotations

import json

from pipeline.cli import main


def test_rules_lists_the_catalogue_with_sources(capsys):
    assert main(["rules"]) == 0
    table = capsys.readouterr().out
    assert "CE-006" in table and "ID-001" in table and "ISO 6346" in table


def test_rules_json_and_all_names_what_was_left_out(capsys):
    assert main(["rules", "--json", "--all"]) == 0
    infos = json.loads(capsys.readouterr().out)
    left_out = [i for i in infos if not i["implemented"]]
    assert left_out and all(i["left_out_because"] for i in left_out)
    assert {"id", "title", "severity", "source"} <= set(infos[0])


def test_a_bad_rules_config_is_bad_usage_with_its_cause(tmp_path, capsys):
    config = tmp_path / "client.toml"
    config.write_text('disabled = ["NOPE-999"]\n', encoding="utf-8")
    assert main(["rules", "--config", str(config)]) == 2
    assert "NOPE-999" in capsys.readouterr().err


def test_run_rejects_a_bad_rules_config_before_reading_anything(tmp_path, capsys):
    config = tmp_path / "client.toml"
    config.write_text("this is = not toml [", encoding="utf-8")
    orders = tmp_path / "orders.json"
    orders.write_text("[]", encoding="utf-8")
    argv = ["run", "--inbox", str(tmp_path), "--orders", str(orders), "--out", str(tmp_path / "o")]
    assert main([*argv, "--rules-config", str(config)]) == 2
    assert "client.toml" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
