#!/bin/sh
# Packages installed while an image is built must not try to start their services.
exit 101
