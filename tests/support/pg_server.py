"""A throwaway PostgreSQL 15 server for the state backend's tests.

Debian's server binaries (/usr/lib/postgresql/15/bin) make a cluster in a
temporary directory that listens only on a Unix socket there, with password
(SCRAM) authentication for a superuser `dactl`. initdb refuses to run as root,
so as root the cluster belongs to the `postgres` user Debian's package makes.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile

BINARIES = os.environ.get("DACTL_PG_BIN", "/usr/lib/postgresql/15/bin")
PASSWORD = "pg-s3cret-Tz81"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="dactl-pg-")
        os.chmod(self.root, 0o755)
        self.data = os.path.join(self.root, "data")
        self.socket_dir = self.root
        self.port = free_port()
        self.log = os.path.join(self.root, "server.log")
        self.owner = None
        if os.geteuid() == 0:
            self.owner = "postgres"
            entry = pwd.getpwnam(self.owner)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        password_file = os.path.join(self.root, "password")
        with open(password_file, "w") as out:
            out.write(PASSWORD + "\n")
        if self.owner:
            os.chown(password_file, pwd.getpwnam(self.owner).pw_uid, -1)
        self._as_owner([os.path.join(BINARIES, "initdb"), "-D", self.data, "-U", "dactl",
                        "-A", "scram-sha-256", "--pwfile", password_file, "--no-sync",
                        "-E", "UTF8", "--locale", "C"])
        os.unlink(password_file)
        self.start()

    def _as_owner(self, command):
        if self.owner:
            command = ["runuser", "-u", self.owner, "--"] + command
        subprocess.run(command, check=True, capture_output=True, text=True, cwd=self.root)

    def start(self):
        self._as_owner([os.path.join(BINARIES, "pg_ctl"), "-D", self.data, "-l", self.log, "-w",
                        "-o", "-k %s -p %d -c listen_addresses='' -c fsync=off" %
                        (self.socket_dir, self.port), "start"])

    def stop(self, mode="fast"):
        self._as_owner([os.path.join(BINARIES, "pg_ctl"), "-D", self.data, "-m", mode, "-w",
                        "stop"])

    def environment(self, user="dactl", password=PASSWORD, database="postgres"):
        """libpq's variables for connecting as `user`."""
        return {"PGHOST": self.socket_dir, "PGPORT": str(self.port), "PGUSER": user,
                "PGPASSWORD": password, "PGDATABASE": database}

    def uri(self, user="dactl", password=PASSWORD, database="postgres"):
        return "postgresql://%s:%s@/%s?host=%s&port=%d" % (user, password, database,
                                                          self.socket_dir, self.port)

    def sql(self, statement, user="dactl", password=PASSWORD):
        """Runs `statement` with psql; answers its unaligned, tuples-only output."""
        environment = dict(os.environ)
        environment.update(self.environment(user, password))
        done = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-Atc", statement],
                              env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("psql: %s" % done.stderr)
        return done.stdout.strip()

    def close(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)
